"""Static shell completion scripts generated from the parser (no start-up cost)."""

from __future__ import annotations

import argparse


def _commands(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                options = [o for a in sub._actions for o in a.option_strings if o.startswith("--")]
                result[name] = sorted(options)
    return result


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    commands = _commands(parser)
    names = " ".join(commands)
    if shell == "bash":
        cases = "\n".join(
            f'        {name}) opts="{" ".join(opts)}" ;;' for name, opts in commands.items()
        )
        return f"""_rejection_therapy() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} opts=""
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=( $(compgen -W "{names} --help --version" -- "$cur") ); return
    fi
    case "${{COMP_WORDS[1]}}" in
{cases}
    esac
    COMPREPLY=( $(compgen -W "$opts --help" -- "$cur") )
}}
complete -F _rejection_therapy rejection-therapy
"""
    if shell == "zsh":
        return "autoload -U +X bashcompinit && bashcompinit\n" + completion_script(parser, "bash")
    lines = [f"complete -c rejection-therapy -f -n __fish_use_subcommand -a '{names}'"]
    for name, opts in commands.items():
        for option in opts:
            lines.append(
                f"complete -c rejection-therapy -f -n '__fish_seen_subcommand_from {name}' -l {option[2:]}"
            )
    return "\n".join(lines) + "\n"
