"""nbgrader settings every person's server on the workshop hub shares (on JUPYTER_CONFIG_PATH).

Learners fetch and submit through one exchange under the hub root; the course id
matches the educator's course folder. The educator's own nbgrader_config.py (in
their course folder, from assignments/) reads the same two variables.
"""

import os

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = os.environ.get("SAFESHARE_COURSE_ID", "safeshare")
c.Exchange.root = os.environ.get("SAFESHARE_EXCHANGE", "/srv/safeshare/exchange")
