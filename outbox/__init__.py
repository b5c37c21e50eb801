"""E-mail the portal sends (confirmations to citizens, notices to staff), queued and kept."""
