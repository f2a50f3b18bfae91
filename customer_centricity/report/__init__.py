from . import customer_contact_gap_report, customer_contact_report
