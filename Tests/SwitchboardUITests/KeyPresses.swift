import SwitchboardUI

/// Presses keys one after another through `Dashboard.update`, as the terminal loop does, and
/// collects the commands they issue. Shared by the UI tests that drive the dashboard by keys.
enum KeyPresses {
    static func context(_ snapshot: DashboardSnapshot?, width: Int = 160, height: Int = 48) -> UpdateContext {
        UpdateContext(snapshot: snapshot, width: width, height: height, now: Fixtures.now)
    }

    static func press(_ keys: [Key], _ state: ViewState, _ snapshot: DashboardSnapshot?) -> (ViewState, [DashboardCommand]) {
        var state = state
        var commands: [DashboardCommand] = []
        for key in keys {
            let (next, issued) = Dashboard.update(state, key, context(snapshot))
            state = next
            commands += issued
        }
        return (state, commands)
    }
}
