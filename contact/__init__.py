"""Citizens' messages to the town: the contact page's form, the staff inbox, the e-mails."""
