from backend_tui.cli import main

raise SystemExit(main())
