using System;
using System.Diagnostics;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Pipeline
{
    /// <summary>
    /// The base of every Reactivation entry point. Per execution it resolves the services once
    /// (<see cref="PluginContext"/>), traces entry and exit with the step's facts (message, table,
    /// stage, mode, depth, correlation id — never a column value), and turns an unexpected exception
    /// into an <see cref="InvalidPluginExecutionException"/> with a clear message that carries no
    /// personal data (the original stays as the inner exception, its types and stack in the trace).
    /// An <see cref="InvalidPluginExecutionException"/> thrown on purpose passes through unchanged.
    /// <para>
    /// Dataverse caches plugin instances and runs them concurrently: a derived class keeps nothing in
    /// fields except what its constructor derives from the step's configuration strings, and the
    /// organisation's rulesets in force (<see cref="Rulesets.ActiveRulesets"/>, which locks its own state).
    /// </para>
    /// </summary>
    public abstract class PluginBase : IPlugin
    {
        /// <param name="unsecureConfiguration">The step's unsecure configuration (exported with the solution).</param>
        /// <param name="secureConfiguration">The step's secure configuration (set per environment, never exported).</param>
        protected PluginBase(string? unsecureConfiguration, string? secureConfiguration)
        {
            UnsecureConfiguration = unsecureConfiguration;
            SecureConfiguration = secureConfiguration;
        }

        protected PluginBase()
            : this(null, null)
        {
        }

        protected string? UnsecureConfiguration { get; }

        protected string? SecureConfiguration { get; }

        /// <summary>Runs <see cref="ExecuteCore"/> with tracing and exception translation.</summary>
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = new PluginContext(serviceProvider);
            var execution = context.Execution;
            var plugin = TraceValue.Name(GetType().FullName);
            context.Trace.Write(
                $"{plugin} entered: {TraceValue.Name(execution.MessageName)} of {TraceValue.Name(execution.PrimaryEntityName)}, stage {execution.Stage}, mode {execution.Mode}, depth {execution.Depth}, correlation {execution.CorrelationId}");
            var clock = Stopwatch.StartNew();
            try
            {
                ExecuteCore(context);
                context.Trace.Write($"{plugin} finished in {clock.ElapsedMilliseconds} ms");
            }
            catch (InvalidPluginExecutionException)
            {
                // Thrown on purpose, with a message meant for the caller: let it through as it is.
                context.Trace.Write($"{plugin} cancelled the operation after {clock.ElapsedMilliseconds} ms (InvalidPluginExecutionException)");
                throw;
            }
            catch (Exception ex) when (IsServiceFault(ex))
            {
                // A call this plugin made was refused (often by another plugin's InvalidPluginExecutionException
                // further down): the platform's message is already meant for the caller, so keep it.
                context.Trace.Write($"{plugin} stopped after {clock.ElapsedMilliseconds} ms by a failed organisation service call: {TraceValue.Failure(ex)}");
                throw new InvalidPluginExecutionException(ex.Message, ex);
            }
            catch (Exception ex) when (!IsUnrecoverable(ex))
            {
                context.Trace.Write($"{plugin} failed after {clock.ElapsedMilliseconds} ms: {TraceValue.Failure(ex)}");
                throw new InvalidPluginExecutionException(UnexpectedFailureMessage(execution, ex), ex);
            }
        }

        /// <summary>The plugin's work for one execution.</summary>
        protected abstract void ExecuteCore(PluginContext context);

        private string UnexpectedFailureMessage(IPluginExecutionContext execution, Exception ex)
        {
            // Built from step facts and type names only: an exception's own message may echo record values.
            return $"{GetType().Name} failed unexpectedly ({ex.GetType().Name}) during {execution.MessageName} of " +
                $"{(string.IsNullOrEmpty(execution.PrimaryEntityName) ? "(no table)" : execution.PrimaryEntityName)} at stage {execution.Stage}. " +
                $"Correlation id {execution.CorrelationId:D}; the plugin trace log has the details.";
        }

        // FaultException<OrganizationServiceFault> lives in System.ServiceModel, which the plugin assembly
        // does not reference (its only dependencies are the SDK and Reactivation.Core); the name is enough.
        private static bool IsServiceFault(Exception ex) =>
            ex.GetType().Name.StartsWith("FaultException", StringComparison.Ordinal);

        private static bool IsUnrecoverable(Exception ex) =>
            ex is OutOfMemoryException || ex is StackOverflowException || ex is AccessViolationException;
    }
}
