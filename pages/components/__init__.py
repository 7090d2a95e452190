"""Pure helpers shared by the pages: strings, stylesheet, element conversion, layouts, figures."""
