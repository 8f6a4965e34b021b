package org.agencyworkspace.files.editing;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** Office editing on the embedded default: the files in a local folder. */
// Closed after the class: its data folder is a temporary one that JUnit deletes.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OfficeEditingIT extends AbstractOfficeEditingIT {

    @Override
    String topFolder() {
        return "/編輯";
    }
}
