from ccx.cli import run

run()
