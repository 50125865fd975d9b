// Entry point of the `reactivation` command. Commands are added as the issues that define them land.
using Reactivation.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
