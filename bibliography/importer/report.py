"""What an import did: one outcome per record, and counts that add up to the file's records."""

from collections import Counter
from dataclasses import dataclass, field

CREATED, UPDATED, DUPLICATE, REJECTED = "created", "updated", "duplicate", "rejected"
STATUS_LABELS = {
    CREATED: "créée",
    UPDATED: "mise à jour",
    DUPLICATE: "doublon ignoré",
    REJECTED: "rejetée",
}


@dataclass
class RecordOutcome:
    position: int
    label: str
    status: str
    reason: str = ""
    reference_id: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class ImportReport:
    counts: Counter = field(default_factory=Counter)
    rows: list[RecordOutcome] = field(default_factory=list)
    rejected: list[RecordOutcome] = field(default_factory=list)
    # Without rows (the command), the records read with warnings, to be shown anyway.
    warned: list[RecordOutcome] = field(default_factory=list)
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, outcome: RecordOutcome, keep_row: bool) -> None:
        self.counts[outcome.status] += 1
        if keep_row:
            self.rows.append(outcome)
        elif outcome.status == REJECTED:
            self.rejected.append(outcome)
        elif outcome.warnings:
            self.warned.append(outcome)

    @property
    def accepted(self) -> int:
        """Records that were valid notices (created, updated or recognised as duplicates)."""
        return self.total - self.counts[REJECTED]

    def summary(self) -> str:
        return (
            f"{self.total} notice(s) lue(s) : {self.counts[CREATED]} créée(s), "
            f"{self.counts[UPDATED]} mise(s) à jour, {self.counts[DUPLICATE]} doublon(s) "
            f"ignoré(s), {self.counts[REJECTED]} rejetée(s)."
        )
