from shenbao.cli import main

raise SystemExit(main())
