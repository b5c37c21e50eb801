"""The town's organisation: its units (councils, committee, offices, wards) and their people."""
