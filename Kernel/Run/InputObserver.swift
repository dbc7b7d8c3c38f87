/// Sees every input at admission, before any component does (the journal is one).
public protocol InputObserver: AnyObject {
    func kernel(_ kernel: Kernel, admitted input: AdmittedInput)
}
