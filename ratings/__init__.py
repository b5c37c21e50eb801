"""Readers' feedback on an article: star votes and captcha-guarded comments."""
