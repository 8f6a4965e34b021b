-- What the label review looks for, kept beside each label so it is found by index rather than by
-- reading every label: the declassification date, a provisional label's decision deadline, and
-- when the classifier was last reminded of an overdue decision. Filled in whenever a label is
-- saved (labels saved by earlier development builds are reviewed once saved again).
ALTER TABLE file_label ADD COLUMN declassify_on DATE;
ALTER TABLE file_label ADD COLUMN decision_due TIMESTAMP WITH TIME ZONE;
ALTER TABLE file_label ADD COLUMN decision_reminded_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX file_label_declassify_on ON file_label (declassify_on);
CREATE INDEX file_label_decision_due ON file_label (decision_due);
