"""The town's registry of legal and directive documents, and the access-to-information page."""
