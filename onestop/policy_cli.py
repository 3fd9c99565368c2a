"""`onestop policy ...`: decide, explain and simulate rules as code from the command line.

    onestop policy eval tsa --date D --case FILE.json              the decision as JSON
    onestop policy explain tsa --date D --case FILE.json [--lang kk|ru|en]
                                                                   the reasons as a citizen reads them
    onestop policy simulate tsa --set PARAM=VALUE [--set ...] --from D
                                [--households N | --cases FILE.jsonl] [--seed S]
                                (neither: the stored caseload, every TSA decision in the database)
                                [--png PATH] [--json] [--lang kk|ru|en]
                                                                   who gains, who loses, the cost

Bad input (an unknown field, a negative income, a date no rule covers, an unknown parameter)
prints one line naming it on stderr and exits with status 2; nothing else is done.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """A mistake in what the operator gave; the message names the option or field."""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from exc


def _field(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(case)"


def _read_case(path: Path) -> Any:
    from policies.tsa import TsaCase

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"--case {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise BadInput(f"--case {path}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    try:
        return TsaCase.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise BadInput(f"--case {path}: {_field(tuple(first['loc']))}: {first['msg']}{more}") from exc


def _decided(args: argparse.Namespace) -> Any:
    from policies.tsa import NoRulesInForce, assess, decide

    case = _read_case(args.case)
    try:
        assess(case, args.date)  # a date no rule covers is the operator's mistake here, not a refusal
    except NoRulesInForce as exc:
        raise BadInput(f"--date {args.date.isoformat()}: {exc}") from exc
    return decide(case, args.date)


def _eval(args: argparse.Namespace) -> int:
    print(_decided(args).model_dump_json(indent=2))
    return 0


def explain_text(decision: Any, lang: str) -> str:
    """The decision as text a citizen reads: result, amounts, reasons with the law, what would change it."""
    from policies.texts import format_tenge
    from policies.tsa_texts import LABELS, RESULTS

    on = decision.decided_on.strftime("%d.%m.%Y")
    lines = [f"{LABELS['decision'][lang].format(on=on)}: {RESULTS[decision.result][lang]}"]
    if decision.result != "refused":
        lines.append(f"{LABELS['amount'][lang]}: {format_tenge(decision.monthly_amount, lang)}")
        if decision.child_package:
            lines.append(f"{LABELS['child_package'][lang]}: {format_tenge(decision.child_package, lang)}")
        lines.append(f"{LABELS['period'][lang]}: {decision.period_from.strftime('%d.%m.%Y')} – "
                     f"{decision.period_to.strftime('%d.%m.%Y')}")
    lines += ["", f"{LABELS['why'][lang]}:"]
    for r in decision.reasons:
        mark = "✗" if r.code in decision.decisive else "✓" if r.code != "unconfirmed_parameters" else "!"
        lines.append(f"  {mark} {r.text[lang]}")
        if r.reference:
            lines.append(f"      {LABELS['law'][lang]}: {r.reference}")
    if decision.changes:
        lines += ["", f"{LABELS['change'][lang]}:"]
        lines += [f"  → {c.text[lang]}" for c in decision.changes]
    lines += ["", f"{LABELS['figures'][lang]}:"]
    for step in decision.trace:
        source = f"  ({step.source})" if step.source and step.source != "computed" else ""
        lines.append(f"  {step.name} = {_plain_text(step.value)}{source}")
    return "\n".join(lines)


def _plain_text(value: Any) -> str:
    """A trace value as a person writes it: lists without brackets, mappings as ``key: items``."""
    if isinstance(value, list):
        return ", ".join(_plain_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain_text(v)}" for k, v in value.items())
    return "—" if value is None else str(value)


def _explain(args: argparse.Namespace) -> int:
    print(explain_text(_decided(args), args.lang))
    return 0


def _households(args: argparse.Namespace) -> Any:
    from connectors.mock.regions import REGIONS
    from policies.tsa_whatif import read_caseload, synthetic_population

    if args.cases is not None:
        if not args.cases.is_file():
            raise BadInput(f"--cases {args.cases}: no such file")
        return read_caseload(args.cases)
    if args.households is None:
        return stored_caseload()
    if args.households < 1:
        raise BadInput("--households: must be at least 1")
    return synthetic_population(args.households, args.start, list(REGIONS), seed=args.seed)


def stored_caseload() -> Any:
    """The caseload the service decided, from the read model (each decision keeps its case)."""
    from onestop.settings import get_settings
    from policies.tsa import TsaCase
    from policies.tsa_whatif import Household
    from services.tsa import CODE
    from store import repository
    from store.engine import make_engine, read_scope

    engine = make_engine(get_settings().database_url)
    try:
        with read_scope(engine) as session:
            for application_id, decision in repository.decisions_of(session, CODE):
                case = (decision.get("figures") or {}).get("case")
                if case is not None:  # decided before cases were kept, or refused before the decision step
                    yield Household(id=application_id, case=TsaCase.model_validate(case))
    finally:
        engine.dispose()


def whatif_report(result: Any, lang: str) -> str:
    from connectors.mock.regions import REGIONS
    from policies.texts import format_number, format_tenge
    from policies.tsa_texts import WHATIF_LABELS as L
    from policies.tsa_whatif import histogram

    def money(x: int) -> str:
        return ("+" if x > 0 else "") + format_tenge(x, lang)

    lines = [L["title"][lang].format(on=result.on.strftime("%d.%m.%Y"))]
    for c in result.changes:
        lines.append(f"  {L['change'][lang]}: {c.path} = {c.value} ({c.start.strftime('%d.%m.%Y')})")
    n = format_number
    lines += [
        f"{L['households'][lang]}: {n(result.households, lang)}"
        + (f" ({L['no_rules'][lang]}: {result.no_rules})" if result.no_rules else ""),
        f"{L['eligible'][lang]}: {n(result.eligible_before, lang)} / {n(result.eligible_after, lang)}",
        f"{L['gain'][lang]}: {n(result.gain, lang)}   {L['lose'][lang]}: {n(result.lose, lang)}   "
        f"{L['same'][lang]}: {n(result.same, lang)}   {L['kind'][lang]}: {n(result.kind_changed, lang)}",
        f"{L['newly'][lang]}: {n(result.newly_eligible, lang)}   "
        f"{L['no_longer'][lang]}: {n(result.no_longer_eligible, lang)}",
        f"{L['budget'][lang]}: {format_tenge(result.budget_before, lang)} / {format_tenge(result.budget_after, lang)}"
        f" / {money(result.budget_difference)}",
        "", f"{L['by_region'][lang]}:",
    ]
    for code, r in sorted(result.by_region.items(), key=lambda item: item[1].budget_difference):
        name = REGIONS[code].name[lang] if code in REGIONS else code
        lines.append(f"  {name:<34} {r.households:>7} {L['gain'][lang]} {r.gain:>6} {L['lose'][lang]} {r.lose:>6}"
                     f"  {money(r.budget_difference)}")
    bars = histogram(result.deltas)
    if bars:
        lines += ["", f"{L['histogram'][lang]}:"]
        tallest = max(count for _, _, count in bars)
        for lo, hi, count in bars:
            label = "0" if lo == hi == 0 else f"{format_number(lo, lang)} … {format_number(hi, lang)}"
            lines.append(f"  {label:>24} {'█' * max(1, round(40 * count / tallest))} {count}")
    lines.append(f"{L['seconds'][lang]}: {result.seconds:.1f}")
    return "\n".join(lines)


def _simulate(args: argparse.Namespace) -> int:
    from policies.tsa_texts import WHATIF_LABELS
    from policies.tsa_whatif import ChangeError, parse_change, simulate, write_histogram_png

    try:
        changes = [parse_change(text, args.start) for text in args.set]
    except ChangeError as exc:
        raise BadInput(str(exc)) from exc
    try:
        result = simulate(_households(args), changes, on=args.start)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise BadInput(f"--cases {args.cases}: {_field(tuple(first['loc']))}: {first['msg']}") from exc
    except (ValueError, KeyError) as exc:
        raise BadInput(f"--cases {args.cases}: {exc}") from exc
    png = args.png or Path(f"tsa-simulate-{args.start.isoformat()}.png")
    write_histogram_png(result.deltas, png)
    if args.json:
        print(json.dumps({**result.summary(), "png": str(png)}, ensure_ascii=False, indent=2))
    else:
        print(whatif_report(result, args.lang))
        print(f"{WHATIF_LABELS['png'][args.lang]}: {png}")
    return 0


def _guarded(func: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        try:
            return int(func(args))
        except BadInput as exc:
            print(f"onestop policy {args.policy_command}: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
    return run


def add_policy_parser(sub: Any) -> None:
    """``onestop policy`` under the main parser's subcommands."""
    policy = sub.add_parser("policy", help="rules as code: eval, explain, simulate")
    commands = policy.add_subparsers(dest="policy_command", required=True)
    for name, func, text in (("eval", _eval, "the decision as JSON"),
                             ("explain", _explain, "the decision as text a citizen reads")):
        cmd = commands.add_parser(name, help=text)
        cmd.add_argument("rule", choices=["tsa"])
        cmd.add_argument("--date", type=_iso_date, required=True, help="the application date")
        cmd.add_argument("--case", type=Path, required=True, help="the case as JSON (a TsaCase)")
        if name == "explain":
            cmd.add_argument("--lang", choices=["kk", "ru", "en"], default="en")
        cmd.set_defaults(func=_guarded(func))
    sim = commands.add_parser("simulate", help="who gains and who loses if a parameter changes")
    sim.add_argument("rule", choices=["tsa"])
    sim.add_argument("--set", action="append", required=True, metavar="PARAMETER=VALUE")
    sim.add_argument("--from", dest="start", type=_iso_date, required=True, help="the date the change takes effect")
    source = sim.add_mutually_exclusive_group()
    source.add_argument("--households", type=int, help="a synthetic population of N households "
                                                       "(neither this nor --cases: the stored caseload)")
    source.add_argument("--cases", type=Path, help="stored cases, JSON lines {id, case}")
    sim.add_argument("--seed", type=int, default=2026)
    sim.add_argument("--png", type=Path, help="where to write the histogram (default tsa-simulate-<from>.png)")
    sim.add_argument("--json", action="store_true", help="print the figures as JSON")
    sim.add_argument("--lang", choices=["kk", "ru", "en"], default="en")
    sim.set_defaults(func=_guarded(_simulate))
