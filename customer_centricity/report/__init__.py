from . import customer_contact_gap_report
from . import customer_churn_report
from . import customer_contact_report
from . import customer_feedback_report
from . import customer_initiative_coverage_report
from . import customer_mail_test_report
from . import customer_referral_report
from . import customer_value_movement_report
