"""Visit and online counters shown in the footer, and the staff statistics page."""
