"""Floor 2: Qt-free file formats: reading spreadsheets, writing .xlsx, PDF page setup and fonts."""
