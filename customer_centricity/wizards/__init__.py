from . import customer_centricity_dashboard
from . import customer_contact_plan
from . import customer_csv_import
from . import customer_feedback_import
from . import customer_value_history_import
from . import customer_outreach_add
from . import customer_outreach_refuse
from . import customer_outreach_assign
