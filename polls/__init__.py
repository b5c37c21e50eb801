"""Polls (thăm dò ý kiến): a question, its options and one vote per reader."""
