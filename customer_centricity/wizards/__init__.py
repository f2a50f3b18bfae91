from . import customer_value_history_import
from . import customer_employee_survey_response
from . import customer_employee_survey_response_line
