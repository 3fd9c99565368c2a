"""`onestop`: the one command that starts every process, alone or all together.

    onestop up [--workers N]   everything on one machine, with embedded defaults (development only)
    onestop temporal           the Temporal dev server (store and Web UI under .onestop/)
    onestop registries         the mock state registries (development only)
    onestop idp                the built-in OpenID Connect provider (development only)
    onestop worker             one Temporal worker
    onestop portal             the web portal and /api/v1
    onestop migrate            apply the database migrations (in development, seed vacancies if none)
    onestop seed-vacancies     add synthetic published vacancies (onestop/vacancy_seed.py)
    onestop token ...          an access token through the real OIDC flow, for curl
    onestop audit verify       check the audit trail's hash chain; names the first broken row
    onestop audit checkpoint   sign the audit chain's head into a folder the database cannot reach
    onestop policy ...         rules as code: eval, explain, simulate (onestop/policy_cli.py)
"""

from __future__ import annotations

import argparse
import logging
import sys

from onestop.settings import get_settings


def _setup_logging() -> None:
    from onestop.logs import configure_logging

    configure_logging(get_settings().log_level)


def _up(args: argparse.Namespace) -> int:
    from onestop.supervisor import run_all

    settings = get_settings()
    settings.require_development("onestop up (the built-in IdP and the mock registries)")
    return run_all(settings, workers=args.workers)


def _temporal(args: argparse.Namespace) -> int:
    from onestop.scheduling import run_as_background
    from onestop.temporal_server import run_dev_server

    settings = get_settings()
    run_as_background(settings.background_scheduling)  # the server inherits it across exec
    return run_dev_server(settings)


def _registries(args: argparse.Namespace) -> int:
    settings = get_settings()
    settings.require_development("onestop registries")  # before the import: it seeds thousands of persons
    from connectors.mock.app import serve

    serve(settings)
    return 0


def _idp(args: argparse.Namespace) -> int:
    settings = get_settings()
    settings.require_development("onestop idp")
    from idp.app import serve

    serve(settings)
    return 0


def _worker(args: argparse.Namespace) -> int:
    import asyncio

    from onestop.scheduling import run_as_background
    from onestop.worker import run_worker

    settings = get_settings()
    run_as_background(settings.background_scheduling)  # before any thread starts: they inherit it
    asyncio.run(run_worker(settings))
    return 0


def _portal(args: argparse.Namespace) -> int:
    from portal.app import serve

    return serve(get_settings())


def _migrate(args: argparse.Namespace) -> int:
    from store.engine import migrate

    settings = get_settings()
    migrate(settings.database_url)
    if settings.environment == "development" and settings.seed_vacancies > 0:
        # `make run` shows a labour exchange with vacancies in it; a database that has some is left alone.
        from onestop.vacancy_seed import seed_if_empty
        from portal.applications.submission import today_in_kazakhstan
        from store.engine import get_engine

        seed_if_empty(get_engine(settings.database_url), settings.seed_vacancies, today_in_kazakhstan())
    return 0


def _seed_vacancies(args: argparse.Namespace) -> int:
    from onestop.vacancy_seed import seed_vacancies
    from portal.applications.submission import today_in_kazakhstan
    from store.engine import get_engine

    settings = get_settings()
    settings.require_development("onestop seed-vacancies")
    seed_vacancies(get_engine(settings.database_url), args.count, today_in_kazakhstan(), seed=args.seed)
    print(f"{args.count} vacancies seeded")
    return 0


def _token(args: argparse.Namespace) -> int:
    from onestop.token import obtain_token

    print(obtain_token(get_settings(), citizen=args.citizen, officer=args.officer,
                       client=args.client, secret=args.secret, password=args.password))
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    from onestop.audit_cli import verify_audit_chain

    return verify_audit_chain(get_settings())


def _audit_checkpoint(args: argparse.Namespace) -> int:
    from onestop.audit_cli import write_audit_checkpoint

    return write_audit_checkpoint(get_settings())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="onestop", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start every process on this machine")
    up.add_argument("--workers", type=int, default=1, help="how many Temporal workers")
    up.set_defaults(func=_up)
    for name, func, text in (
        ("temporal", _temporal, "the Temporal dev server"),
        ("registries", _registries, "the mock state registries"),
        ("idp", _idp, "the built-in OIDC provider"),
        ("worker", _worker, "one Temporal worker"),
        ("portal", _portal, "the portal and API"),
        ("migrate", _migrate, "apply database migrations"),
    ):
        sub.add_parser(name, help=text).set_defaults(func=func)
    seeding = sub.add_parser("seed-vacancies", help="add synthetic published vacancies (development)")
    seeding.add_argument("--count", type=int, default=2000)
    seeding.add_argument("--seed", type=int, default=20261202)
    seeding.set_defaults(func=_seed_vacancies)
    token = sub.add_parser("token", help="print an access token from the configured issuer")
    who = token.add_mutually_exclusive_group(required=True)
    who.add_argument("--citizen", metavar="IIN")
    who.add_argument("--officer", metavar="LOGIN")
    who.add_argument("--client", metavar="ID")
    token.add_argument("--secret", help="client secret, with --client")
    token.add_argument("--password", help="defaults to the demo password")
    token.set_defaults(func=_token)
    audit = sub.add_parser("audit", help="the audit trail").add_subparsers(dest="audit_command", required=True)
    audit.add_parser("verify", help="check the hash chain and the last checkpoint; exit 1 naming the first "
                                    "broken row or a deleted tail").set_defaults(func=_audit_verify)
    audit.add_parser("checkpoint", help="sign the chain's head into the checkpoint folder"
                     ).set_defaults(func=_audit_checkpoint)
    from onestop.policy_cli import add_policy_parser

    add_policy_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _setup_logging()
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a clear one-line reason for the operator, the trace in the log
        logging.getLogger("onestop").exception("onestop %s failed", args.command)
        print(f"onestop {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
