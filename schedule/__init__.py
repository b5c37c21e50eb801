"""The leaders' weekly work schedule (Lịch công tác): leaders, their dated items, and changes."""
