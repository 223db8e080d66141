from mockgraph.cli import main

main()
