from . import customer_centricity_dashboard
from . import customer_csv_import
from . import customer_employee_survey_response
from . import customer_employee_survey_response_line
from . import customer_feedback_import
from . import customer_value_history_import
