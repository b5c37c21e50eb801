"""Django's message framework, set up only for the requests that use it.

MessageMiddleware builds the message storage (a cookie signer and a session reader) on every
request; only the admin and a few form pages ever add or read a message, while a reader's cached
page never does. Here the storage is made on first use, and a request that never used it is
left alone on the way out.
"""

from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class LazyMessageMiddleware(MessageMiddleware):
    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response
        return super().process_response(request, response)
