"""Queries built once and run again and again with other values.

Building a queryset with many subqueries and compiling it to SQL can cost more than running it:
a few milliseconds of Python on every request for the signed-in member (`selectors.
member_for_request`) or a member's stake in a shared page (`page_cache.has_stake`). A
`CompiledQuery` builds its queryset once per database and shape, with a stand-in value for each
argument, learns where each stand-in lands among the SQL parameters, and from then on only puts
the real values in those places.

Arguments are whole numbers (ids), lists of them (the shape is the list's length) or aware
datetimes. Any other value used in the query must not depend on the arguments.
"""

from datetime import UTC, datetime, timedelta

from django.db import connections, models, router

_FIRST_STAND_IN = -7_000_000_000
_FIRST_STAND_IN_TIME = datetime(1901, 1, 1, tzinfo=UTC)
_TIME_FIELD = models.DateTimeField()


class CompiledQuery:
    def __init__(self, build):
        """`build(**arguments)` returns the queryset, the same shape for any values."""
        self.build = build
        self._compiled = {}

    def sql(self, model, **arguments):
        """(sql, params, database) for these arguments."""
        database = router.db_for_read(model)
        connection = connections[database]
        shape = tuple(
            (name, len(value) if isinstance(value, list | tuple) else None)
            for name, value in sorted(arguments.items())
        )
        compiled = self._compiled.get((database, shape))
        if compiled is None:
            compiled = self._compiled[(database, shape)] = self._compile(connection, arguments)
        sql, params, places = compiled
        params = list(params)
        for place, (name, index) in places.items():
            value = arguments[name] if index is None else arguments[name][index]
            if isinstance(value, datetime):
                value = _TIME_FIELD.get_db_prep_value(value, connection)
            params[place] = value
        return sql, params, database

    def _compile(self, connection, arguments):
        stand_ins, wanted = {}, {}
        number, time = _FIRST_STAND_IN, _FIRST_STAND_IN_TIME

        def stand_in_for(name, index, value):
            nonlocal number, time
            if isinstance(value, datetime):
                stand_in, time = time, time + timedelta(days=1)
                wanted[_TIME_FIELD.get_db_prep_value(stand_in, connection)] = (name, index)
            else:
                stand_in, number = number, number - 1
                wanted[stand_in] = (name, index)
            return stand_in

        for name, value in arguments.items():
            if isinstance(value, list | tuple):
                stand_ins[name] = [stand_in_for(name, i, v) for i, v in enumerate(value)]
            else:
                stand_ins[name] = stand_in_for(name, None, value)
        query = self.build(**stand_ins).query
        sql, params = query.get_compiler(connection=connection).as_sql()
        places = {
            place: wanted[param]
            for place, param in enumerate(params)
            if isinstance(param, int | str | datetime) and param in wanted
        }
        if len(set(places.values())) != len(wanted):
            raise ValueError("An argument does not reach the query's parameters as it is.")
        return sql, tuple(params), places

    def exists(self, model, **arguments) -> bool:
        sql, params, database = self.sql(model, **arguments)
        with connections[database].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() is not None

    def first(self, model, **arguments):
        """The first row as a `model` instance, its computed columns as the database gives them."""
        sql, params, database = self.sql(model, **arguments)
        return next(iter(model._default_manager.db_manager(database).raw(sql, params)), None)
