from pgdocs.cli import main

main()
