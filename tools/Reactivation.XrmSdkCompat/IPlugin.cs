namespace Microsoft.Xrm.Sdk { public interface IPlugin { void Execute(System.IServiceProvider serviceProvider); } }
