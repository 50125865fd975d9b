// Entry point of the `reactivation` command. Commands are added as the issues that define them land.
Console.Error.WriteLine("reactivation: no commands yet. `simulate` (the main job) arrives with the simulator; `lint` with the rulesets.");
return 1;
