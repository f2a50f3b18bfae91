# customer_centricity — developer commands (see README.md)
.PHONY: run test bench loadtest lint i18n

run:    ## set everything up and serve the demo database on http://127.0.0.1:8069
	@tools/dev.sh run

test:   ## fresh database, install the addon, run the whole suite, drop the database
	@tools/dev.sh test

bench:  ## performance figures as JSON
	@tools/dev.sh bench

loadtest:  ## the demo database under several workers, concurrent clients and faults (ARGS="--smoke")
	@tools/dev.sh loadtest $(ARGS)

lint:   ## ruff + pylint-odoo
	@tools/dev.sh lint

i18n:   ## regenerate i18n/customer_centricity.pot from the code
	@tools/dev.sh i18n
