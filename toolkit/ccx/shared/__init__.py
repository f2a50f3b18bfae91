"""Pure rules the toolkit shares with the server, not copied: each module
here is a symbolic link to customer_centricity/lib/ (the wheel holds the
linked files' contents). Only modules without Odoo and without numpy or scipy
belong here."""
