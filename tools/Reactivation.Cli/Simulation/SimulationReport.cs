namespace Reactivation.Cli.Simulation;

public static class SimulationReport
{
    public static string Render(SimulationResult result) => "<!DOCTYPE html><html><body>" + result?.Scenario + "</body></html>";
}
