"""An import-linter contract type for what its own types leave out: cycles across packages.

`acyclic_siblings` finds the cycles between the children of one package. The sections are
separate top-level packages that may import one another (`:` in the layers contract), so a
cycle through modules of two of them has no common parent and no contract of import-linter's
would see it. `acyclic_modules` looks at the import graph module by module instead: any group of
modules that import one another, directly or not, breaks it. Registered in `pyproject.toml`
(`contract_types`) and run by `lint-imports`, like the other contracts.
"""

from collections.abc import Iterator

from grimp import ImportGraph
from importlinter.application import contract_utils, output
from importlinter.application.contract_utils import AlertLevel
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


def import_cycles(graph: ImportGraph) -> list[list[str]]:
    """The groups of modules that import one another (strongly connected, two or more)."""
    imports = {
        module: sorted(graph.find_modules_directly_imported_by(module)) for module in graph.modules
    }
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(module: str) -> None:  # Tarjan's algorithm
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for imported in imports[module]:
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(imports):
        if module not in order:
            visit(module)
    return sorted(cycles)


def imports_within(graph: ImportGraph, modules: list[str]) -> Iterator[str]:
    members = set(modules)
    for importer in modules:
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
            lines = sorted(
                detail["line_number"]
                for detail in graph.get_import_details(importer=importer, imported=imported)
            )
            yield f"{importer} -> {imported} (l. {', '.join(map(str, lines))})"


class AcyclicModulesContract(Contract):
    """No import cycle between the modules of the root packages, whichever package holds them."""

    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        removal = contract_utils.remove_ignored_imports_and_report(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=AlertLevel.ERROR,
        )
        cycles = import_cycles(graph)
        return ContractCheck(
            kept=not cycles,
            warnings=list(removal.warnings),
            ignored_import_count=removal.ignored_import_count,
            metadata={"cycles": [list(imports_within(graph, cycle)) for cycle in cycles]},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for cycle in check.metadata["cycles"]:
            output.print_error("These modules import one another:")
            for line in cycle:
                output.print_error(f"- {line}", bold=False)
            output.new_line()
