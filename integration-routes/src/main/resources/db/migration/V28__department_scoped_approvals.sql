-- A request a supervisor decides: only holders of approver_role who share a department with the
-- requester may decide it (attendance requests, an expense claim's first step). FALSE: any holder.
ALTER TABLE approval ADD COLUMN within_department BOOLEAN DEFAULT FALSE NOT NULL;
