"""First run: language, passphrase (with a strength meter), optional duress passphrase, role,
organisation profile from a file or "later". Creating the store (Argon2id calibration, keys)
runs in a worker; the program works locally without a profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from fieldreport.gui import i18n, strength
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store.store import Store
from fieldreport.trust.documents import load_json_document
from fieldreport.trust.install import install_profile

ROLES = ("field", "coordinator", "analyst")


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class LanguagePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.owner = wizard
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code, name in i18n.LANGUAGES.items():
            button = QRadioButton(name)  # each language named in itself
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
            button.toggled.connect(lambda on, code=code: on and wizard.language_chosen.emit(code))
        self.buttons.get(i18n.current_language(), self.buttons["en"]).setChecked(True)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Language"))
        self.setSubTitle(self.tr("The language of the program. You can change it later."))


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.passphrase = _password_edit()
        self.confirm = _password_edit()
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.verdict = QLabel()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.passphrase_label, self.confirm_label = QLabel(), QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self.confirm_label.setBuddy(self.confirm)
        form = QFormLayout(self)
        form.addRow(self.hint)
        form.addRow(self.passphrase_label, self.passphrase)
        meter_row = QHBoxLayout()
        meter_row.addWidget(self.meter, 1)
        meter_row.addWidget(self.verdict)
        form.addRow("", meter_row)
        form.addRow(self.confirm_label, self.confirm)
        self.passphrase.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self.registerField("passphrase*", self.passphrase)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Passphrase"))
        self.setSubTitle(self.tr("It protects every report on this computer."))
        self.hint.setText(
            self.tr(
                "Choose several words that you will remember and nobody can guess. "
                "If you forget it, nobody can open your reports, not even headquarters."
            )
        )
        self.passphrase_label.setText(self.tr("&Passphrase:"))
        self.confirm_label.setText(self.tr("&Confirm:"))
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.confirm.setAccessibleName(self.tr("Confirm the passphrase"))
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self._update()

    def verdict_text(self, value: int) -> str:
        return [
            self.tr("Very weak"),
            self.tr("Weak"),
            self.tr("Fair"),
            self.tr("Good"),
            self.tr("Strong"),
        ][value]

    def _update(self) -> None:
        text = self.passphrase.text()
        value = strength.score(text)
        self.meter.setValue(value)
        if text and len(text) < strength.MIN_LENGTH:
            verdict = self.tr("Too short: at least %n characters", "", strength.MIN_LENGTH)
        elif text and text != self.confirm.text() and self.confirm.text():
            verdict = self.tr("The two passphrases differ")
        else:
            verdict = self.verdict_text(value) if text else ""
        self.verdict.setText(verdict)
        self.meter.setAccessibleDescription(self.verdict.text())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        text = self.passphrase.text()
        return strength.acceptable(text) and text == self.confirm.text()


class DuressPage(QWizardPage):
    def __init__(self, passphrase_page: PassphrasePage) -> None:
        super().__init__()
        self.main = passphrase_page
        self.enable = QCheckBox()
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.passphrase = _password_edit()
        self.confirm = _password_edit()
        self.passphrase_label, self.confirm_label = QLabel(), QLabel()
        self.passphrase_label.setBuddy(self.passphrase)
        self.confirm_label.setBuddy(self.confirm)
        self.problem = QLabel()
        form = QFormLayout(self)
        form.addRow(self.explain)
        form.addRow(self.enable)
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.confirm_label, self.confirm)
        form.addRow(self.problem)
        for widget in (self.enable, self.passphrase, self.confirm):
            signal = widget.toggled if widget is self.enable else widget.textChanged  # type: ignore[attr-defined]
            signal.connect(self._update)
        self._update()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Duress passphrase (optional)"))
        self.explain.setText(
            self.tr(
                "If someone forces you to unlock, type the duress passphrase instead: it "
                "erases every report at once and opens an empty program."
            )
        )
        self.enable.setText(self.tr("&Set a duress passphrase"))
        self.passphrase_label.setText(self.tr("&Duress passphrase:"))
        self.confirm_label.setText(self.tr("C&onfirm:"))
        self.passphrase.setAccessibleName(self.tr("Duress passphrase"))
        self.confirm.setAccessibleName(self.tr("Confirm the duress passphrase"))
        self._update()

    def wanted(self) -> str | None:
        return self.passphrase.text() if self.enable.isChecked() else None

    def _update(self) -> None:
        on = self.enable.isChecked()
        for widget in (self.passphrase, self.confirm, self.passphrase_label, self.confirm_label):
            widget.setEnabled(on)
        problem = ""
        text = self.passphrase.text()
        if on and text and text == self.main.passphrase.text():
            problem = self.tr("The duress passphrase must differ from your passphrase.")
        self.problem.setText(problem)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if not self.enable.isChecked():
            return True
        text = self.passphrase.text()
        return len(text) >= 6 and text == self.confirm.text() and not self.problem.text()


class RolePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for role in ROLES:
            button = QRadioButton()
            self.buttons[role] = button
            self.group.addButton(button)
            layout.addWidget(button)
        self.buttons["field"].setChecked(True)
        self.name_label = QLabel()
        self.name = QLineEdit()
        self.name.setMaxLength(60)
        self.name_label.setBuddy(self.name)
        layout.addSpacing(12)
        layout.addWidget(self.name_label)
        layout.addWidget(self.name)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Role"))
        self.setSubTitle(self.tr("What this computer is used for."))
        self.buttons["field"].setText(self.tr("&Field staff: I record incidents"))
        self.buttons["coordinator"].setText(
            self.tr("&Coordinator: I review my team's reports and forward them")
        )
        self.buttons["analyst"].setText(self.tr("&HQ analyst: I analyse and publish advisories"))
        self.name_label.setText(self.tr("Device &name (optional, e.g. Gao laptop 2):"))

    def role(self) -> str:
        return next(role for role, button in self.buttons.items() if button.isChecked())


class ProfilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.choose = QPushButton()
        self.choose.clicked.connect(self._choose)
        self.later = QCheckBox()
        self.later.setChecked(True)
        self.later.toggled.connect(lambda _on: self.completeChanged.emit())
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.later)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setCommitPage(True)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Organisation profile"))
        self.explain.setText(
            self.tr(
                "Your IT team gives you a profile file: it says where reports go. Without it "
                "the program works on this computer only, and you can add it later."
            )
        )
        self.choose.setText(self.tr("C&hoose a file…"))
        self.later.setText(self.tr("&Later: work on this computer for now"))
        self.path.setAccessibleName(self.tr("Profile file"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create"))

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Organisation profile"), "", self.tr("Profiles (*.json);;All files (*)")
        )
        if name:
            self.path.setText(name)
            self.later.setChecked(False)

    def profile_path(self) -> Path | None:
        if self.later.isChecked() or not self.path.text():
            return None
        return Path(self.path.text())

    def isComplete(self) -> bool:
        return self.later.isChecked() or bool(self.path.text())


class CreatingPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("status")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        self.done = False

    def retranslate(self) -> None:
        self.setTitle(self.tr("Creating the encrypted store"))
        self.status.setAccessibleName(self.tr("Progress"))

    def isComplete(self) -> bool:
        return self.done


class FirstRunWizard(QWizard):
    """Shown inside the main window when the data folder holds no store yet."""

    created = Signal(object)  # the open Store
    language_chosen = Signal(str)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.language_page = LanguagePage(self)
        self.passphrase_page = PassphrasePage()
        self.duress_page = DuressPage(self.passphrase_page)
        self.role_page = RolePage()
        self.profile_page = ProfilePage()
        self.creating_page = CreatingPage()
        self.pages_in_order = (
            self.language_page,
            self.passphrase_page,
            self.duress_page,
            self.role_page,
            self.profile_page,
            self.creating_page,
        )
        for page in self.pages_in_order:
            self.addPage(page)
        self.currentIdChanged.connect(self._page_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to FieldReport"))
        for page in self.pages_in_order:
            page.retranslate()  # type: ignore[attr-defined]
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Open FieldReport"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _page_changed(self, _page_id: int) -> None:
        if self.currentPage() is self.creating_page and not self.creating_page.done:
            self.create_store()

    def settings(self) -> dict[str, Any]:
        return {
            "passphrase": self.passphrase_page.passphrase.text(),
            "duress": self.duress_page.wanted(),
            "role": self.role_page.role(),
            "name": self.role_page.name.text().strip() or None,
            "profile": self.profile_page.profile_path(),
        }

    def create_store(self) -> None:
        choice = self.settings()
        folder = self.data_dir
        for edit in (
            self.passphrase_page.passphrase,
            self.passphrase_page.confirm,
            self.duress_page.passphrase,
            self.duress_page.confirm,
        ):
            edit.clear()  # do not keep passphrases in widgets
        self.creating_page.status.setText(
            self.tr("Measuring this computer and making your keys. This takes a few seconds…")
        )

        def work(job: Job) -> tuple[Store, str | None]:
            store = Store.init(
                folder, choice["passphrase"], role=choice["role"], name=choice["name"]
            )
            try:
                if choice["duress"]:
                    store.set_duress(choice["duress"])
                note = None
                if choice["profile"] is not None:
                    try:
                        doc = load_json_document(choice["profile"], "organisation profile")
                        note = install_profile(store, doc).profile.organisation
                    except Exception as exc:  # the store is made; the profile can come later
                        note = f"!{exc}"
            except BaseException:
                store.close()
                raise
            return store, note

        run_in_background(work, on_done=self._created, on_failed=self._failed, owner=self)

    def _created(self, result: tuple[Store, str | None]) -> None:
        store, note = result
        self.creating_page.busy.setRange(0, 1)
        self.creating_page.busy.setValue(1)
        if note and note.startswith("!"):
            text = self.tr("The store is ready, but the profile was refused: %1").replace(
                "%1", note[1:]
            )
        elif note:
            text = self.tr("The store is ready, with the profile of %1.").replace("%1", note)
        else:
            text = self.tr("The store is ready.")
        self.creating_page.status.setText(text)
        self.creating_page.done = True
        self.creating_page.completeChanged.emit()
        self.store = store
        self.button(QWizard.WizardButton.FinishButton).setFocus()

    def _failed(self, message: str) -> None:
        QMessageBox.warning(
            self,
            self.tr("Welcome to FieldReport"),
            self.tr("The store could not be created: %1").replace("%1", message),
        )
        self.restart()  # nothing was kept: start again with the passphrase

    def accept(self) -> None:
        store = getattr(self, "store", None)
        if store is not None:
            self.store = None
            self.created.emit(store)
