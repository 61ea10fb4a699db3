import PledgeTallyCLI

PledgeTallyCommand.main()
