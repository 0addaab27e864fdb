from portal_archive import main

main()
