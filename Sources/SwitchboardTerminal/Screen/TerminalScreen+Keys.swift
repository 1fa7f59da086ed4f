import CNcursesw
import SwitchboardUI

#if canImport(Glibc)
import Glibc
#endif

extension TerminalScreen {
    /// The next key, mouse event or resize, waiting at most `milliseconds`; nil when none came.
    public func readKey(waitingAtMost milliseconds: Int) -> Key? {
        timeout(Int32(milliseconds))
        var character: wint_t = 0
        let result = wget_wch(sb_stdscr(), &character)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return functionKey(Int32(character)) }
        return characterKey(UInt32(character))
    }

    private func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE:
            invalidate()
            return .resize
        case KEY_MOUSE: return mouseEvent()
        default:
            for number in 1...12 where code == sb_key_f(Int32(number)) { return .function(number) }
            return nil
        }
    }

    private func mouseEvent() -> Key? {
        var x: Int32 = 0
        var y: Int32 = 0
        var buttons: mmask_t = 0
        guard sb_getmouse(&x, &y, &buttons) == OK else { return nil }
        let kind: MouseEvent.Kind
        if buttons & sb_button4_pressed() != 0 {
            kind = .scrollUp
        } else if buttons & sb_button5_pressed() != 0 {
            kind = .scrollDown
        } else if buttons & sb_button1_double_clicked() != 0 {
            kind = .doubleClick
        } else if buttons & sb_button1_pressed() != 0 {
            kind = .press
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind, x: Int(x), y: Int(y)))
    }
}
