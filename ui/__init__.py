"""Qt presentation layer: widgets, dialogs, item models and workers. Domain rules live in
``models``; this package only presents them."""
