using System;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Plugins.Pipeline
{
    /// <summary>
    /// Everything one plugin execution needs, resolved once from the platform's service provider:
    /// the execution context, tracing, and the organisation services (created on first use, then
    /// reused for the rest of the execution). Made per execution by <see cref="PluginBase"/>;
    /// never store it in a field — plugin instances are cached and shared.
    /// </summary>
    public sealed class PluginContext
    {
        private readonly IOrganizationServiceFactory _serviceFactory;
        private IOrganizationService? _userService;
        private IOrganizationService? _systemService;

        /// <exception cref="InvalidPluginExecutionException">The host did not provide the execution context or the service factory.</exception>
        public PluginContext(IServiceProvider serviceProvider)
        {
            if (serviceProvider is null)
            {
                throw new InvalidPluginExecutionException("The plugin was called without a service provider.");
            }

            Execution = serviceProvider.GetService(typeof(IPluginExecutionContext)) as IPluginExecutionContext
                ?? throw new InvalidPluginExecutionException("The host did not provide an IPluginExecutionContext.");
            _serviceFactory = serviceProvider.GetService(typeof(IOrganizationServiceFactory)) as IOrganizationServiceFactory
                ?? throw new InvalidPluginExecutionException("The host did not provide an IOrganizationServiceFactory.");
            Trace = new SafeTrace(serviceProvider.GetService(typeof(ITracingService)) as ITracingService);
        }

        /// <summary>The platform's execution context for this step.</summary>
        public IPluginExecutionContext Execution { get; }

        /// <summary>The trace log, restricted to values that cannot be personal data.</summary>
        public SafeTrace Trace { get; }

        /// <summary>The organisation service acting as the step's user (<see cref="IExecutionContext.UserId"/>).</summary>
        public IOrganizationService UserService =>
            _userService ??= _serviceFactory.CreateOrganizationService(Execution.UserId);

        /// <summary>The organisation service acting as SYSTEM: for writes the calling user may lack rights to.</summary>
        public IOrganizationService SystemService =>
            _systemService ??= _serviceFactory.CreateOrganizationService(null);

        public string MessageName => Execution.MessageName;

        public string PrimaryEntityName => Execution.PrimaryEntityName;

        public int Stage => Execution.Stage;

        public int Depth => Execution.Depth;

        public bool IsAsynchronous => Execution.Mode == ExecutionMode.Asynchronous;

        /// <summary>True when the step runs for <paramref name="messageName"/> (case-insensitive, as Dataverse compares them).</summary>
        public bool IsMessage(string messageName) =>
            string.Equals(Execution.MessageName, messageName, StringComparison.OrdinalIgnoreCase);

        /// <summary>The Target of a Create or Update (null for other messages or when absent).</summary>
        public Entity? Target =>
            Execution.InputParameters.TryGetValue("Target", out var target) ? target as Entity : null;

        /// <summary>The record the message is about: the Target reference of Delete/Assign, or the Target entity's reference.</summary>
        public EntityReference? TargetReference
        {
            get
            {
                if (!Execution.InputParameters.TryGetValue("Target", out var target))
                {
                    return null;
                }

                return target switch
                {
                    EntityReference reference => reference,
                    Entity entity => new EntityReference(entity.LogicalName, entity.Id != Guid.Empty ? entity.Id : Execution.PrimaryEntityId),
                    _ => null,
                };
            }
        }

        /// <summary>The Target entity; a clear error when the step is registered on a message that has none.</summary>
        /// <exception cref="InvalidPluginExecutionException">There is no Entity Target.</exception>
        public Entity GetTarget() =>
            Target ?? throw new InvalidPluginExecutionException(
                $"This plugin expects an Entity in InputParameters[\"Target\"], but the {Execution.MessageName} message of {Execution.PrimaryEntityName} has none. Check the step registration.");

        /// <summary>The pre-image registered under <paramref name="alias"/>, or null.</summary>
        public Entity? PreImage(string alias) =>
            Execution.PreEntityImages.TryGetValue(alias, out var image) ? image : null;

        /// <summary>The post-image registered under <paramref name="alias"/>, or null.</summary>
        public Entity? PostImage(string alias) =>
            Execution.PostEntityImages.TryGetValue(alias, out var image) ? image : null;

        /// <summary>The pre-image <paramref name="alias"/>; a clear error naming the missing registration.</summary>
        /// <exception cref="InvalidPluginExecutionException">The step has no such pre-image.</exception>
        public Entity GetPreImage(string alias) =>
            PreImage(alias) ?? throw MissingImage("pre", alias);

        /// <summary>The post-image <paramref name="alias"/>; a clear error naming the missing registration.</summary>
        /// <exception cref="InvalidPluginExecutionException">The step has no such post-image.</exception>
        public Entity GetPostImage(string alias) =>
            PostImage(alias) ?? throw MissingImage("post", alias);

        /// <summary>An input parameter of type <typeparamref name="T"/>, or default when absent or of another type.</summary>
        public T? GetInputParameter<T>(string name) =>
            Execution.InputParameters.TryGetValue(name, out var value) && value is T typed ? typed : default;

        /// <summary>Sets an output parameter (a Custom API's response property at stage 30).</summary>
        public void SetOutputParameter(string name, object? value) => Execution.OutputParameters[name] = value;

        private InvalidPluginExecutionException MissingImage(string kind, string alias) =>
            new InvalidPluginExecutionException(
                $"The {Execution.MessageName} step on {Execution.PrimaryEntityName} at stage {Execution.Stage} has no {kind}-image '{alias}'. " +
                "Register it on the step in solution/SdkMessageProcessingSteps.");
    }
}
