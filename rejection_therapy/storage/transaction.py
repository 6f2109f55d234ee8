"""One locked change of a home's tables, made by record and kept as journal operations.

The service changes data only through a Transaction: `insert`, `update`, `replace` and
`remove` name a table and a record (by its key field: `id` for most tables, `date` for
rest days), never a document id or a query. Each call becomes one journal operation at
once (storage/journal.py), in the order made, carrying the record's key so that the
journal says what happened to which record (a later sync exchanges these lines). The
tables are TinyDB's layout (`{table: {doc_id: document}}`); document ids are given out
here, as TinyDB would (one more than the largest).

Documents handed out are the stored ones: read them, change them only through these
methods (a change made behind the transaction's back is not saved).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing would cost the quick `log` an import
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any, TypeAlias

    Document: TypeAlias = dict[str, Any]
    Tables: TypeAlias = dict[str, dict[str, Document]]

KEYS = {"rest_days": "date", "badges": "badge_id", "intentions": "run_id"}
"""The field that names a record, where it is not `id` (a daily ask is named by its run and
its date together; a run has one intention)."""
META = "_meta"


def key_of(table: str, document: Document) -> str | None:
    """The record key a journal line carries, when the document has one."""
    if table == "daily_asks":
        run, on = document.get("run_id"), document.get("date")
        return f"{run}/{on}" if isinstance(run, str) and isinstance(on, str) else None
    value = document.get(KEYS.get(table, "id"))
    return value if isinstance(value, str) else None


class Transaction:
    """The tables of one locked transaction, and the operations that changed them."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables
        self._next_ids: dict[str, int] = {}
        self.operations: list[Document] = []
        """What changed, in order, without numbers (the commit numbers them)."""
        self.last_op = 0
        """The number of the last journal operation saved (set by the commit)."""
        self.observer: Callable[[Document], None] | None = None
        """Told of each operation as it is made (the service keeps its records in step)."""

    # -- reading ------------------------------------------------------------
    def tables(self) -> Tables:
        """Every table as it is now (read only: change records through the methods below)."""
        return self._tables

    @property
    def changed(self) -> bool:
        return bool(self.operations)

    # -- changing -------------------------------------------------------------
    def insert(self, table: str, document: Document) -> None:
        """Add a record under a new document id."""
        doc_id = str(self._next_id(table))
        self._table(table)[doc_id] = document
        self._record(table, doc_id, document, insert=True)

    def insert_many(self, table: str, documents: Iterator[Document] | list[Document]) -> None:
        for document in documents:
            self.insert(table, document)

    def update(self, table: str, record_id: str, changes: Document, key: str = "id") -> int:
        """Set some fields of the records whose `key` is `record_id`; how many changed."""
        changed = 0
        for doc_id, document in self._matching(table, lambda doc: doc.get(key) == record_id):
            self.replace_document(table, doc_id, {**document, **changes})
            changed += 1
        return changed

    def replace(self, table: str, record_id: str, document: Document, key: str = "id") -> int:
        """Replace the records whose `key` is `record_id` with `document`."""
        changed = 0
        for doc_id, _ in self._matching(table, lambda doc: doc.get(key) == record_id):
            self.replace_document(table, doc_id, document)
            changed += 1
        return changed

    def remove(self, table: str, where: Callable[[Document], bool]) -> int:
        """Remove every record `where` holds for; how many."""
        removed = 0
        for doc_id, document in self._matching(table, where):
            del self._tables[table][doc_id]
            self._record(table, doc_id, document, remove=True)
            removed += 1
        return removed

    def remove_record(self, table: str, record_id: str, key: str = "id") -> int:
        return self.remove(table, lambda doc: doc.get(key) == record_id)

    def put_single(self, table: str, document: Document) -> None:
        """A table of one record (the settings): it is document 1, as TinyDB numbers it."""
        stored = self._table(table)
        for doc_id in [d for d in stored if d != "1"]:
            self._record(table, doc_id, stored.pop(doc_id), remove=True)
        if stored.get("1") != document:
            self.replace_document(table, "1", document)

    def replace_document(self, table: str, doc_id: str, document: Document) -> None:
        """Put `document` at `doc_id` (a repair or a merge rewrites documents in place)."""
        before = self._table(table).get(doc_id)
        self._table(table)[doc_id] = document
        was = key_of(table, before) if isinstance(before, dict) else None
        self._record(table, doc_id, document, was=was if was != key_of(table, document) else None)

    def remove_document(self, table: str, doc_id: str) -> None:
        """Take out the document at `doc_id`, if there is one (a repair sets it aside)."""
        document = self._table(table).pop(doc_id, None)
        if document is not None:
            self._record(table, doc_id, document, remove=True)

    def replace_tables(self, tables: Tables) -> None:
        """Make the tables equal to `tables` (an import or a repair): one operation for each
        document that differs."""
        for table in sorted((set(self._tables) | set(tables)) - {META}):
            old, new = self._tables.get(table, {}), tables.get(table, {})
            for doc_id in sorted(set(old) | set(new), key=int):
                if doc_id not in new:
                    self.remove_document(table, doc_id)
                elif old.get(doc_id) != new[doc_id]:
                    self.replace_document(table, doc_id, new[doc_id])

    # -- inside ---------------------------------------------------------------
    def _table(self, table: str) -> dict[str, Document]:
        return self._tables.setdefault(table, {})

    def _matching(
        self, table: str, where: Callable[[Document], bool]
    ) -> list[tuple[str, Document]]:
        return [(doc_id, doc) for doc_id, doc in self._table(table).items() if where(doc)]

    def _next_id(self, table: str) -> int:
        """One more than the largest id (TinyDB's rule), never one in use: a document put
        at a chosen id (a repair, a merge) may sit above the count kept here."""
        documents = self._table(table)
        if table not in self._next_ids:
            self._next_ids[table] = max(map(int, documents), default=0) + 1
        number = self._next_ids[table]
        while str(number) in documents:
            number += 1
        self._next_ids[table] = number + 1
        return number

    def _record(
        self,
        table: str,
        doc_id: str,
        document: Document,
        *,
        insert: bool = False,
        remove: bool = False,
        was: str | None = None,
    ) -> None:
        line = operation(table, doc_id, document, insert=insert, remove=remove)
        if was is not None:
            line["was"] = was  # the record this put took the place of is gone (sync reads it)
        self.operations.append(line)
        if self.observer is not None:
            self.observer(line)


def operation(
    table: str, doc_id: str, document: Document, *, insert: bool = False, remove: bool = False
) -> Document:
    """One journal operation (unnumbered): the only place its shape is written down."""
    line: Document = {"table": table, "doc_id": doc_id}
    key = key_of(table, document)
    if key is not None:
        line["id"] = key
    if remove:
        line["remove"] = True
    else:
        line["doc"] = document
        if insert:
            line["insert"] = True
    return line


def numbered(operations: list[Document], first_op: int) -> list[Document]:
    """The operations as journal lines, numbered from `first_op` (the number leads the line)."""
    return [{"op": first_op + n, **operation} for n, operation in enumerate(operations)]
