namespace Reactivation.Plugins.Pipeline
{
    /// <summary>The <c>Stage</c> values of the Dataverse event pipeline a plugin sees.</summary>
    public static class PipelineStage
    {
        /// <summary>Before the main operation, usually outside the database transaction.</summary>
        public const int PreValidation = 10;

        /// <summary>Inside the transaction, before the main operation: changes to the Target are saved.</summary>
        public const int PreOperation = 20;

        /// <summary>The main operation; only a Custom API's own plugin runs here.</summary>
        public const int MainOperation = 30;

        /// <summary>After the main operation; synchronous steps are still inside the transaction.</summary>
        public const int PostOperation = 40;
    }

    /// <summary>The <c>Mode</c> of a step.</summary>
    public static class ExecutionMode
    {
        public const int Synchronous = 0;

        public const int Asynchronous = 1;
    }
}
