"""The events a webhook can be told about, each declared by the app that owns it and registered
from that app's `AppConfig.ready()`:

    # ideas/webhooks.py
    IDEA_CREATED = "idea.created"
    EVENTS = (Event(IDEA_CREATED, _("An idea is proposed"), describe_created, order=10), ...)

    # ideas/apps.py
    def ready(self):
        webhook_events.register(*EVENTS)

An event says its key (what the services pass to `community.webhooks.emit` and receivers read
in the body), the label the admin shows, and how to describe the instance it is about
(`describe(pk)`: the body's `data`, as the API describes the content, or None when it is not
public and nothing is sent). The admin lists the events by their `order` (then by key).

This module imports no model, so that the delivery model can take its choices from here.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    key: str
    label: object
    describe: Callable[[object], dict | None]
    order: int = 100


class Registry:
    """The registered events, listed by their `order` (then by key)."""

    def __init__(self):
        self._events: dict[str, Event] = {}

    def register(self, *events: Event) -> None:
        for event in events:
            known = self._events.get(event.key)
            if known is not None and known != event:
                raise ValueError(f"Another webhook event is registered as {event.key!r}.")
            self._events[event.key] = event

    def unregister(self, key: str) -> None:
        self._events.pop(key, None)

    def __iter__(self) -> Iterator[Event]:
        return iter(sorted(self._events.values(), key=lambda event: (event.order, event.key)))

    def __contains__(self, key) -> bool:
        return key in self._events

    def get(self, key: str) -> Event | None:
        return self._events.get(key)

    def keys(self) -> list[str]:
        return [event.key for event in self]


registry = Registry()
register = registry.register


def choices() -> list[tuple[str, object]]:
    """(key, label) of every registered event, for the admin's form and the deliveries' list:
    a callable, read when needed, so that apps registered after the models count."""
    return [(event.key, event.label) for event in registry]
