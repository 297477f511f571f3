"""The editor's look: one style sheet keyed on object names, over the Fusion style."""

from __future__ import annotations

EDITOR_QSS = """
#editorHeader {
    background: palette(base);
    border-bottom: 1px solid #d5d9de;
}
#editorTitle { font-size: 16pt; font-weight: 600; color: #1d2733; }
#editorSubtitle { color: #5b6672; }
#editorBanner {
    background: #e8f1fb; border: 1px solid #b9d3ef; border-radius: 4px;
    color: #17406b; padding: 6px 10px;
}
#draftFormContent { background: palette(base); }
#sectionTitle {
    font-size: 11.5pt; font-weight: 600; color: #1f4e79; padding-top: 4px;
}
#sectionRule { color: #dde2e7; background: #dde2e7; max-height: 1px; border: none; }
#fieldLabel { color: #2b3540; padding-top: 4px; }
#fieldHelp { color: #6b7580; font-size: 8.5pt; }
#fieldError { color: #b3261e; font-size: 9pt; }
#personFrame { background: #f7f8fa; border: 1px solid #dfe3e8; border-radius: 4px; }
QListView#jenisList { font-size: 10.5pt; }
QListView#jenisList::item { padding: 7px 10px; }
#panelTitle { font-weight: 600; color: #1d2733; }
#panelSummary { color: #5b6672; }
#emptyNote { color: #6b7580; }
#previewScroll, #previewPages { background: #e4e7eb; }
#previewPage { background: white; }
#sidePane { background: palette(window); }
QPushButton#primaryButton {
    background: #1f6fc5; color: white; border: 1px solid #185ca6; border-radius: 4px;
    padding: 5px 16px; font-weight: 600;
}
QPushButton#primaryButton:hover { background: #2b7dd4; }
QPushButton#primaryButton:disabled { background: #9dbde0; border-color: #9dbde0; }
"""
