"""The one error family pairkit shows to users.

Every message is French, says what went wrong and what to do next. The CLI catches
`PairkitError` once; anything else is a bug and is reported as such (with the traceback
only when PAIRKIT_DEBUG is set).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class PairkitError(Exception):
    """Base class: `str(error)` is the message shown to the user."""

    exit_code = 1
    label = "Erreur"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n→ {self.hint}"
        return self.message


@dataclass(frozen=True)
class Problem:
    """One problem found in a project file."""

    file: Path
    field: str | None
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.file.name
        if self.line is not None:
            where += f", ligne {self.line}"
        if self.field:
            where += f", champ « {self.field} »"
        return f"{where} : {self.message}"


def _listed(problems: list[Problem]) -> str:
    return "\n".join(f"  - {p}" for p in problems)


class ProjectFileError(PairkitError):
    """One or more project files are invalid; nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            f"Fichier(s) de projet invalide(s) :\n{_listed(problems)}",
            hint="Corrigez le fichier indiqué (ligne et champ ci-dessus) puis relancez ; "
            "« pairkit verifier DOSSIER » liste tous les problèmes. Rien n'a été modifié.",
        )


class MethodFileError(PairkitError):
    """The platform's copy of the method has problems; each names its file, line and field."""

    def __init__(self, folder: Path, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(
            f"La méthode de « {folder} » est à corriger :\n{_listed(problems)}",
            hint="Corrigez chaque point indiqué puis relancez « pairkit methode verifier ». Un "
            "fichier supprimé de ce dossier est remplacé par celui fourni avec pairkit.",
        )


# What the system said, in French, and what the consultant can do about it.
# Older Windows (and Windows without long paths enabled) refuse a path of 260 characters or more.
WINDOWS_MAX_PATH = 260

_OS_REASONS: dict[str, tuple[str, str]] = {
    "ENOSPC": ("le disque est plein", "Libérez de la place ou choisissez un autre dossier, puis relancez."),
    "EDQUOT": ("votre quota d'espace disque est atteint", "Libérez de la place, puis relancez."),
    "EROFS": ("le disque est en lecture seule (clé protégée, dossier partagé en lecture seule…)",
              "Copiez le projet dans un dossier où vous pouvez écrire, puis relancez."),
    "EACCES": ("accès refusé : droits insuffisants, ou fichier ouvert dans un autre programme",
               "Fermez le fichier s'il est ouvert, vérifiez vos droits sur le dossier, puis relancez."),
    "EPERM": ("opération refusée par le système (droits insuffisants)",
              "Vérifiez vos droits sur le dossier, ou choisissez-en un autre, puis relancez."),
    "EBUSY": ("le fichier est utilisé par un autre programme", "Fermez-le, puis relancez."),
    "ETXTBSY": ("le fichier est utilisé par un autre programme", "Fermez-le, puis relancez."),
    "ENAMETOOLONG": ("le chemin du fichier est trop long",
                     "Placez le projet dans un dossier au chemin plus court, puis relancez."),
    "EIO": ("erreur de lecture ou d'écriture du disque",
            "Vérifiez le disque ou la clé USB (et sa connexion), puis relancez."),
    "ENOENT": ("le fichier ou le dossier n'existe pas (ou plus)",
               "Vérifiez le chemin indiqué, puis relancez."),
    "EISDIR": ("c'est un dossier, là où un fichier est attendu",
               "Indiquez le fichier lui-même (par exemple « …/motivations.yaml »), puis relancez."),
    "ENOTDIR": ("un élément du chemin est un fichier, là où un dossier est attendu",
                "Vérifiez le chemin indiqué, puis relancez."),
}


class FileAccessError(PairkitError):
    """The system refused to read or write a file: disk full, read-only, busy, no rights…"""

    @classmethod
    def from_os_error(cls, exc: OSError, path: object | None = None) -> FileAccessError:
        """The French message for what the system said about `path` (or the error's own file)."""
        import errno

        where = path if path is not None else (exc.filename or "?")
        code = errno.errorcode.get(exc.errno or 0, "")
        if len(str(where)) >= WINDOWS_MAX_PATH and code in ("ENOENT", "ENAMETOOLONG", "EINVAL"):
            # Windows says « not found » for a path over its old limit: the length is the cause.
            return cls(
                f"Impossible d'utiliser « {where} » : son chemin fait {len(str(where))} caractères, "
                f"et Windows refuse souvent les chemins de {WINDOWS_MAX_PATH} caractères ou plus.",
                hint="Placez le dossier du projet plus près de la racine du disque (par exemple "
                "C:\\pairkit\\) ou raccourcissez le nom des dossiers qui le contiennent, puis "
                "relancez. Les fichiers existants n'ont pas été modifiés.")
        reason, hint = _OS_REASONS.get(code, (
            f"le système a refusé l'opération ({exc.strerror or type(exc).__name__})",
            "Vérifiez le dossier et le fichier indiqués, puis relancez."))
        return cls(f"Impossible d'utiliser « {where} » : {reason}.",
                   hint=f"{hint} Les fichiers existants n'ont pas été modifiés.")


class ProjectNotFound(PairkitError):
    """A project folder, or a file a command needs in it, is not there."""


class ProjectLocked(PairkitError):
    """Another pairkit holds the project's lock file."""


class MethodProblem(PairkitError):
    """A file of the method (a checklist, a catalogue) cannot be used as it is."""


class StepNotReady(PairkitError):
    """A step needs answers another step has not given yet."""


class BadValue(PairkitError):
    """A value given on the command line that the command cannot use (a year out of range)."""

    exit_code = 2


class MissingAnswers(PairkitError):
    """Answers are missing and there is no terminal to ask them."""

    exit_code = 2


class InterviewInterrupted(PairkitError):
    """Ctrl-C or end of input during an interview; what was confirmed is saved."""

    exit_code = 130
    label = "Entretien interrompu"


class TemplateProblem(PairkitError):
    """A Word template cannot be found, read or filled."""


class DocumentLocked(PairkitError):
    """A document to rewrite is open in another program."""


class LibreOfficeMissing(PairkitError):
    """A PDF was asked for and LibreOffice is not installed."""
