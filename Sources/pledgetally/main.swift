import PledgeTallyCLI

PledgeTallyCommand.mainExit()
