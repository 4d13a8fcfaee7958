from pairkit.cli import main

main()
