"""Questions citizens ask the town and the answers it publishes (hỏi đáp)."""
