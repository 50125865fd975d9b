namespace Reactivation.Plugins.Pipeline
{
    /// <summary>The entity aliases of the images every product step registers (solution/SdkMessageProcessingSteps).</summary>
    public static class StepImages
    {
        /// <summary>The row before the operation.</summary>
        public const string Pre = "PreImage";

        /// <summary>The row after the operation (PostOperation steps).</summary>
        public const string Post = "PostImage";
    }
}
