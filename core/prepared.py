"""Querysets compiled to SQL once per process, then run with each call's values.

Building and compiling a queryset costs Django about a quarter of a millisecond, more than the
database then takes to answer it; the article page asks the same few queries on every render.
A prepared query is built by the models' own methods (``published()`` and the like), with a
``Parameter`` wherever a value changes from call to call, compiled once per database, and run
with that call's values in the placeholders; rows become model instances as a queryset's do.
"""

import itertools
from dataclasses import dataclass

from django.db import connections
from django.db.models import Expression, F

_numbers = itertools.count(1)


class Parameter(Expression):
    """A value given when the query runs; compiles to one placeholder."""

    def __init__(self, name, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def __repr__(self):
        return f"Parameter({self.name!r})"


class PreparedQuery:
    """``build()`` returns a queryset with ``Parameter`` wherever a call's values go.

    The queryset reads one model's columns; the one-to-one or foreign-key relations named in
    ``attach`` come in the same query, as ``select_related`` would bring them (one level deep).
    """

    def __init__(self, build, attach=()):
        self.build = build
        self.attach = attach
        self.compiled = {}
        # The name of the statement a PostgreSQL session prepares for it (core.postgresql).
        self.name = f"portal_prepared_{next(_numbers)}"

    def _compile(self, using):
        queryset = self.build()
        relations = {}
        for relation in self.attach:
            field = queryset.model._meta.get_field(relation)
            if not (field.one_to_one or field.many_to_one):
                raise ValueError(f"{relation} is not a one-to-one or foreign-key relation")
            aliases = {
                related.attname: f"_{relation}_{related.attname}"
                for related in field.related_model._meta.concrete_fields
            }
            queryset = queryset.annotate(
                **{alias: F(f"{relation}__{attname}") for attname, alias in aliases.items()}
            )
            relations[relation] = aliases
        compiler = queryset.query.get_compiler(using)
        sql, params = compiler.as_sql()
        joined = sum(1 for count in queryset.query.alias_refcount.values() if count) - 1
        if joined > len(self.attach):
            raise ValueError("a prepared query reads one table and the relations it attaches")
        if len(compiler.annotation_col_map) != sum(len(aliases) for aliases in relations.values()):
            raise ValueError("a prepared query's rows are model rows: no annotations of its own")
        columns = [expression for expression, _, _ in compiler.select]
        # Each relation's columns, in the order of its concrete fields.
        attached = {
            relation: [compiler.annotation_col_map[alias] for alias in aliases.values()]
            for relation, aliases in relations.items()
        }
        model_columns = len(columns) - sum(len(aliases) for aliases in relations.values())
        return Compiled(
            model=queryset.model,
            sql=sql,
            params=tuple(params),
            attnames=[column.target.attname for column in columns[:model_columns]],
            converters=compiler.get_converters(columns),
            attached=attached,
        )

    def __call__(self, using="default", **values):
        """The model instances for these values, their attached relations filled."""
        if using not in self.compiled:
            self.compiled[using] = self._compile(using)
        compiled = self.compiled[using]
        connection = connections[using]
        bound = [
            param.output_field.get_db_prep_value(values[param.name], connection)
            if isinstance(param, Parameter)
            else param
            for param in compiled.params
        ]
        fetch_prepared = getattr(connection, "fetch_prepared", None)
        if fetch_prepared is not None:
            rows = fetch_prepared(self.name, compiled.sql, bound)
        else:
            with connection.cursor() as cursor:
                cursor.execute(compiled.sql, bound)
                rows = cursor.fetchall()
        return [compiled.instance(list(row), connection) for row in rows]


@dataclass
class Compiled:
    """A prepared query's SQL, and how its rows become model instances."""

    model: type
    sql: str
    params: tuple
    attnames: list
    # Django's own conversions by column (e.g. SQLite's text to datetime), as a queryset's.
    converters: dict
    attached: dict

    def instance(self, row, connection):
        for position, (converters, expression) in self.converters.items():
            for converter in converters:
                row[position] = converter(row[position], expression, connection)
        using = connection.alias
        instance = self.model.from_db(using, self.attnames, row[: len(self.attnames)])
        for relation, positions in self.attached.items():
            _attach(instance, relation, [row[position] for position in positions], using)
        return instance


def _attach(instance, relation, values, using):
    """Set ``instance``'s related object from its columns' ``values`` (all None: no row)."""
    field = instance._meta.get_field(relation)
    related_model = field.related_model
    attnames = [related.attname for related in related_model._meta.concrete_fields]
    related = None
    if values[attnames.index(related_model._meta.pk.attname)] is not None:
        related = related_model.from_db(using, attnames, values)
    if field.one_to_one and not field.concrete:
        # Reverse one-to-one (article.rating): None is remembered as "no row".
        field.set_cached_value(instance, related)
        if related is not None:
            related_model._meta.get_field(field.field.name).set_cached_value(related, instance)
    else:
        setattr(instance, relation, related)
